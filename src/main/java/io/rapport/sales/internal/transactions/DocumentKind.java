package io.rapport.sales.internal.transactions;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The priced sales records and their lines: which attribute numbers them, which states may still be edited, which
 * lines they have and how a line names its document.
 */
enum DocumentKind {
    QUOTE("quote", "quotedetail", "quoteid", "quotenumber", Set.of(0), false),
    SALES_ORDER("salesorder", "salesorderdetail", "salesorderid", "ordernumber", Set.of(0), true),
    INVOICE("invoice", "invoicedetail", "invoiceid", "invoicenumber", Set.of(0), true),
    OPPORTUNITY("opportunity", "opportunityproduct", "opportunityid", null, Set.of(0), false);

    final String entity;
    final String lineEntity;
    final String parentAttribute;
    final String numberAttribute;
    final Set<Integer> editableStates;
    final boolean lockable;

    DocumentKind(String entity, String lineEntity, String parentAttribute, String numberAttribute,
            Set<Integer> editableStates, boolean lockable) {
        this.entity = entity;
        this.lineEntity = lineEntity;
        this.parentAttribute = parentAttribute;
        this.numberAttribute = numberAttribute;
        this.editableStates = editableStates;
        this.lockable = lockable;
    }

    static Optional<DocumentKind> ofEntity(String entity) {
        return Arrays.stream(values()).filter(k -> k.entity.equals(entity)).findFirst();
    }

    static Optional<DocumentKind> ofLine(String lineEntity) {
        return Arrays.stream(values()).filter(k -> k.lineEntity.equals(lineEntity)).findFirst();
    }

    boolean hasTotals() {
        return this != OPPORTUNITY;
    }
}
