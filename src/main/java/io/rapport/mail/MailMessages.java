package io.rapport.mail;

/** The Dataverse names of the mail messages and their parameters, and the email status values they use. */
public final class MailMessages {

    public static final String SEND_EMAIL = "SendEmail";
    public static final String GET_TRACKING_TOKEN_EMAIL = "GetTrackingTokenEmail";
    public static final String INSTANTIATE_TEMPLATE = "InstantiateTemplate";
    public static final String SEND_EMAIL_FROM_TEMPLATE = "SendEmailFromTemplate";
    public static final String DELIVER_INCOMING_EMAIL = "DeliverIncomingEmail";
    public static final String CHECK_INCOMING_EMAIL = "CheckIncomingEmail";
    /** Rapport's own: tries the SMTP and IMAP settings of a mailbox and records the outcome on it. */
    public static final String TEST_MAILBOX_CONNECTION = "TestMailboxConnection";

    /** Email state and status codes (Dataverse values). */
    public static final int OPEN = 0;
    public static final int COMPLETED = 1;
    public static final int DRAFT = 1;
    public static final int FAILED = 8;
    public static final int SENT = 3;
    public static final int RECEIVED = 4;
    public static final int PENDING_SEND = 6;
    public static final int SENDING = 7;

    private MailMessages() {
    }
}
