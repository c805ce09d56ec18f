package io.rapport.web.internal.mail;

import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.support.Ui;

/** The record an email template fills a draft email from: the email's regarding record, else its first recipient. */
final class TemplateTargets {

    private TemplateTargets() {
    }

    static EntityReference of(Ui ui, Entity email) {
        if (email.get("regardingobjectid") instanceof EntityReference regarding) {
            return regarding;
        }
        return ui.service().retrieveMultiple(QueryExpression.from("activityparty").select("partyid")
                .where(Condition.eq("activityid", email.id()))
                .where(Condition.of("participationtypemask", ConditionOperator.EQUAL, 2))
                .orderBy(Order.asc("activitypartyid")).top(1).build()).entities().stream()
                .map(p -> p.getReference("partyid")).filter(r -> r != null).findFirst().orElse(null);
    }
}
