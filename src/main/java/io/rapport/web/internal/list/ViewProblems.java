package io.rapport.web.internal.list;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The problems of a posted view, in the order they were found, each with the id of the editor's input it is about
 * (empty when it is about no one input): the summary lists them all, linked to their inputs, and each input shows its
 * own below it.
 */
final class ViewProblems {

    /** One problem: the id of the input it concerns (or "") and the message in the user's language. */
    record Problem(String field, String message) {
    }

    private final List<Problem> all = new ArrayList<>();

    void add(String field, String message) {
        all.add(new Problem(field, message));
    }

    void addFirst(String field, String message) {
        all.add(0, new Problem(field, message));
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    /** Every problem, in order (the summary). */
    List<Problem> all() {
        return Collections.unmodifiableList(all);
    }

    /** The message of each input that has a problem, by the input's id (two problems of one input: joined). */
    Map<String, String> byField() {
        Map<String, String> byField = new LinkedHashMap<>();
        for (Problem p : all) {
            if (!p.field().isEmpty()) {
                byField.merge(p.field(), p.message(), (a, b) -> a + " " + b);
            }
        }
        return byField;
    }
}
