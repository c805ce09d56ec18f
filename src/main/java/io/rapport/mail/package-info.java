/**
 * Mail: mailboxes of users and queues (SMTP to send, IMAP to track, credentials encrypted at rest), the send queue of
 * email activities ({@code SendEmail}, Pending Send emails of any origin sent by one job with retries), email
 * templates ({@code InstantiateTemplate}, {@code SendEmailFromTemplate}) and the tracking of incoming mail
 * ({@code DeliverIncomingEmail}) by address, tracking token and conversation. Everything runs as messages, plugins and
 * jobs of the pipeline.
 */
package io.rapport.mail;
