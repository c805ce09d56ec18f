package io.rapport.webapi;

import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.testing.Principals;
import java.util.Locale;
import java.util.UUID;

/**
 * The people a sales test over the Web API works as: a Sales Manager and a Salesperson signed in, in a business
 * unit of their own ({@code name}), and a customer account created by the system.
 */
record SalesTeam(ApiClient manager, ApiClient seller, String account) {

    static SalesTeam signIn(int port, OrganizationService org, String name, String run) {
        Principals people = new Principals(org);
        UUID unit = people.businessUnit(name, people.rootUnit());
        String login = name.toLowerCase(Locale.ROOT);
        return new SalesTeam(
                ApiClient.signedIn(port, people, people.user(login + "manager", unit, "Sales Manager")),
                ApiClient.signedIn(port, people, people.user(login + "seller", unit, "Salesperson")),
                org.create(new Entity("account").set("name", name + " customer " + run)).toString());
    }
}
