package io.rapport.service.internal;

import io.rapport.pipeline.OrganizationSettings;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Sequences;
import java.security.SecureRandom;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Case and contract numbers as Dataverse formats them ({@code CAS-01001-K3X9QZ}): the prefix from the organization
 * record ({@code caseprefix}, {@code contractprefix}; Settings, Auto-numbering), the running part from a database
 * sequence, unique across nodes, and a random suffix that keeps numbers from being guessed in order.
 */
@Component
class ServiceNumbers {

    /** The prefixes the organization record starts with, Dataverse's. */
    static final Map<String, String> INITIAL_PREFIXES = Map.of("caseprefix", "CAS", "contractprefix", "CNR");

    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Sequences sequences;
    private final OrganizationSettings settings;
    private final SecureRandom random = new SecureRandom();

    ServiceNumbers(Sequences sequences, OrganizationSettings settings) {
        this.sequences = sequences;
        this.settings = settings;
    }

    String nextCaseNumber(PluginContext context) {
        return format(prefix(context, "caseprefix"), sequences.next("sys_service_case_sequence"));
    }

    String nextContractNumber(PluginContext context) {
        return format(prefix(context, "contractprefix"), sequences.next("sys_service_contract_sequence"));
    }

    private String prefix(PluginContext context, String attribute) {
        return settings.text(context.service(), attribute, INITIAL_PREFIXES.get(attribute));
    }

    /** {@code PREFIX-00042-K3X9QZ}: the number with at least five digits, then six random letters and digits. */
    static String format(String prefix, long number, java.util.Random random) {
        StringBuilder s = new StringBuilder(prefix.length() + 20).append(prefix).append('-');
        String digits = Long.toString(number);
        for (int i = digits.length(); i < 5; i++) {
            s.append('0');
        }
        s.append(digits).append('-');
        for (int i = 0; i < 6; i++) {
            s.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return s.toString();
    }

    private String format(String prefix, long number) {
        return format(prefix, number, random);
    }
}
