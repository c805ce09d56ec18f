package io.rapport.marketing.internal.campaigns;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import java.util.Arrays;

/**
 * A campaign activity's channel ({@code channeltypecode}) and what distributing it creates: the activity entity, the
 * participation type of the member on it, and the member's preference that forbids it.
 */
enum Channel {
    PHONE(1, "phonecall", 2, "donotphone"),
    APPOINTMENT(2, "appointment", 5, null),
    LETTER(3, "letter", 2, "donotpostalmail"),
    LETTER_MAIL_MERGE(4, "letter", 2, "donotpostalmail"),
    FAX(5, "fax", 2, "donotfax"),
    FAX_MAIL_MERGE(6, "fax", 2, "donotfax"),
    EMAIL(7, "email", 2, "donotemail"),
    EMAIL_MAIL_MERGE(8, "email", 2, "donotemail");

    final int code;
    final String entity;
    /** To Recipient (2) on phone calls, letters, faxes and emails; Required Attendee (5) on appointments. */
    final int participation;
    final String optOut;

    Channel(int code, String entity, int participation, String optOut) {
        this.code = code;
        this.entity = entity;
        this.participation = participation;
        this.optOut = optOut;
    }

    static Channel of(Object code) {
        return Arrays.stream(values()).filter(c -> Integer.valueOf(c.code).equals(code)).findFirst()
                .orElseThrow(() -> new RapportException(ErrorCode.BUSINESS_RULE, "A campaign activity of channel "
                        + (code == null ? "(none)" : code) + " cannot be distributed; choose phone, appointment, "
                        + "letter, fax or email as its channel.", "channeltypecode"));
    }
}
