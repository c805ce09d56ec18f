package io.rapport.contactsync.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * CardDAV settings of the administrator ({@code rapport.carddav.*}): what deleting a card in a mail client does to
 * its contact, {@code deactivate} (default; the contact stays in Rapport, inactive, and leaves the address book) or
 * {@code delete}.
 */
@ConfigurationProperties("rapport.carddav")
record CardDavProperties(DeleteAction deleteAction) {

    CardDavProperties {
        deleteAction = deleteAction == null ? DeleteAction.DEACTIVATE : deleteAction;
    }

    enum DeleteAction { DEACTIVATE, DELETE }
}
