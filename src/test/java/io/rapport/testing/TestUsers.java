package io.rapport.testing;

/** Credentials of the administrator created in every test database. */
public final class TestUsers {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-test-password";

    private TestUsers() {
    }
}
