package io.rapport.service.internal;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sequence;

import java.security.SecureRandom;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Case and contract numbers as Dataverse formats them ({@code CAS-01001-K3X9QZ}): the running part from a database
 * sequence, unique across nodes, and a random suffix that keeps numbers from being guessed in order.
 */
@Component
class ServiceNumbers {

    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final DSLContext dsl;
    private final SecureRandom random = new SecureRandom();

    ServiceNumbers(DSLContext dsl) {
        this.dsl = dsl;
    }

    String nextCaseNumber() {
        return format("CAS", next("sys_service_case_sequence"));
    }

    String nextContractNumber() {
        return format("CNR", next("sys_service_contract_sequence"));
    }

    private long next(String sequenceName) {
        return dsl.select(sequence(name(sequenceName), Long.class).nextval()).fetchSingle().value1();
    }

    private String format(String prefix, long number) {
        StringBuilder suffix = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            suffix.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return String.format("%s-%05d-%s", prefix, number, suffix);
    }
}
