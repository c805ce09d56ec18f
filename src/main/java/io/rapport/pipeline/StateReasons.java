package io.rapport.pipeline;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.OptionMetadata;

/**
 * State and status reason helpers for action handlers of any module: labels in the caller's language, checking a
 * status reason against a state, reading a required flag parameter.
 */
public final class StateReasons {

    private StateReasons() {
    }

    /** The label of a state of the entity in the caller's language, e.g. "Qualified". */
    public static String label(PluginContext context, String entity, int state) {
        return context.snapshot().entity(entity).attribute("statecode").optionSet().option(state)
                .map(o -> o.label().get(context.caller().locale())).orElse(String.valueOf(state));
    }

    /** Fails unless the status reason belongs to the state; -1 stands for the state's default. */
    public static int requireStatus(PluginContext context, String entity, int state, Object status, String parameter) {
        if (status == null) {
            throw RapportException.invalid("The parameter " + parameter + " is required.");
        }
        if (!(status instanceof Integer value)) {
            throw RapportException.invalid("The parameter " + parameter + " must be a whole number.");
        }
        if (value == -1) {
            return value;
        }
        OptionMetadata option = context.snapshot().entity(entity).attribute("statuscode").optionSet().option(value)
                .orElse(null);
        if (option == null || option.state() == null || option.state() != state) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, value + " is not a valid status reason of the "
                    + label(context, entity, state) + " state of " + entity + ".", "statuscode");
        }
        return value;
    }

    public static boolean flag(Object value, String parameter) {
        if (value == null) {
            throw RapportException.invalid("The parameter " + parameter + " is required.");
        }
        if (!(value instanceof Boolean b)) {
            throw RapportException.invalid("The parameter " + parameter + " must be true or false.");
        }
        return b;
    }
}
