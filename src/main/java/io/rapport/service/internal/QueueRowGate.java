package io.rapport.service.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import io.rapport.store.RowGate;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Select;
import org.springframework.stereotype.Component;

/**
 * Private queues, as Dataverse has them ({@code queueviewtype} 1): such a queue and its items are read only by the
 * queue's members ({@code queuemembership_association}) and its owner, whatever depth the role reads queues and queue
 * items at; public queues are read as the role allows. System administrators pass (the security module's rule).
 */
@Component
class QueueRowGate implements RowGate {

    static final int PRIVATE = 1;

    @Override
    public boolean gates(String entityName) {
        return entityName.equals("queue") || entityName.equals("queueitem");
    }

    @Override
    public Condition readable(String entityName, Field<UUID> id, UUID userId, Set<UUID> principals) {
        Select<Record1<UUID>> queues = visibleQueues(userId, principals);
        if (entityName.equals("queue")) {
            return id.in(queues);
        }
        Field<UUID> item = field(name("gqi", "queueitemid"), UUID.class);
        return id.in(select(item).from(table(name("queueitem")).as(name("gqi")))
                .where(field(name("gqi", "queueid"), UUID.class).in(queues)));
    }

    private static Select<Record1<UUID>> visibleQueues(UUID userId, Set<UUID> principals) {
        Field<UUID> queue = field(name("gq", "queueid"), UUID.class);
        Field<Integer> type = field(name("gq", "queueviewtype"), Integer.class);
        Condition member = queue.in(select(field(name("gqm", "queueid"), UUID.class))
                .from(table(name("queuemembership")).as(name("gqm")))
                .where(field(name("gqm", "systemuserid"), UUID.class).eq(userId)));
        return select(queue).from(table(name("queue")).as(name("gq"))).where(type.isNull().or(type.ne(PRIVATE))
                .or(field(name("gq", "ownerid"), UUID.class).in(principals)).or(member));
    }
}
