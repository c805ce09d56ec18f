package io.rapport.contactsync;

import java.util.Optional;

/** The signed-in person's CardDAV settings: which saved view of contacts their address book holds. */
public interface ContactSyncSettings {

    /** The chosen view's key; empty for the default (active contacts the person owns). */
    Optional<String> viewKey();

    /** Chooses a view ({@code null} for the default); an unknown view is refused with a 400. */
    void chooseView(String key);
}
