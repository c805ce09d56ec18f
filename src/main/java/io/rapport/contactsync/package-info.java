/**
 * Contact sync: each user's CardDAV address book at {@code /dav} (RFC 6352, sync-collection of RFC 6578), the app
 * passwords mail clients sign in with, and vCard (3.0 and 4.0, with ez-vcard) reading and writing for export and
 * import. Contacts are read and written through the pipeline as the signed-in user.
 */
package io.rapport.contactsync;
