package io.rapport.contactsync.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.rapport.contactsync.ContactSyncSettings;
import io.rapport.contactsync.ContactSyncViews;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.CallerProvider;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each person's sync filter choice in {@code sys_dav_setting}. */
@Service
class SyncSettingsService implements ContactSyncSettings {

    private static final Table<Record> SETTINGS = table(name("sys_dav_setting"));
    private static final Field<UUID> USER = field(name("systemuserid"), UUID.class);
    private static final Field<String> VIEW = field(name("viewkey"), String.class);
    private static final Field<LocalDateTime> MODIFIED = field(name("modifiedon"), LocalDateTime.class);

    private final DSLContext dsl;
    private final CallerProvider callers;
    private final ObjectProvider<ContactSyncViews> views;
    private final Clock clock;

    SyncSettingsService(DSLContext dsl, CallerProvider callers, ObjectProvider<ContactSyncViews> views, Clock clock) {
        this.dsl = dsl;
        this.callers = callers;
        this.views = views;
        this.clock = clock;
    }

    @Override
    public Optional<String> viewKey() {
        return viewKey(person().userId());
    }

    Optional<String> viewKey(UUID userId) {
        return dsl.select(VIEW).from(SETTINGS).where(USER.eq(userId)).fetchOptional(VIEW)
                .filter(v -> !v.isBlank());
    }

    @Override
    @Transactional
    public void chooseView(String key) {
        Caller caller = person();
        String chosen = key == null || key.isBlank() ? null : key;
        if (chosen != null) {
            ContactSyncViews available = views.getIfAvailable();
            if (available == null || available.filter(caller, chosen).isEmpty()) {
                throw RapportException.invalid("There is no view of contacts '" + chosen + "' you may sync.");
            }
        }
        dsl.deleteFrom(SETTINGS).where(USER.eq(caller.userId())).execute();
        dsl.insertInto(SETTINGS).set(USER, caller.userId()).set(VIEW, chosen)
                .set(MODIFIED, LocalDateTime.now(clock.withZone(ZoneOffset.UTC))).execute();
    }

    private Caller person() {
        Caller caller = callers.current();
        if (caller.userId().equals(callers.system().userId())) {
            throw new RapportException(ErrorCode.NOT_AUTHENTICATED, "Sync settings belong to a signed-in person.");
        }
        return caller;
    }
}
