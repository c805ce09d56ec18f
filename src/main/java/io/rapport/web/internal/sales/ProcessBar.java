package io.rapport.web.internal.sales;

import java.util.List;
import java.util.UUID;

/**
 * The business process bar of a lead or opportunity: stages qualify → develop → propose → close with the
 * current one marked, and the closing actions available now with what their dialogs offer.
 */
public record ProcessBar(String entity, UUID id, List<Stage> stages, boolean canMoveStage, List<Action> actions,
        List<Choice> disqualifyReasons, List<Choice> loseReasons, String estimatedRevenue, String currency) {

    /** {@code state} is done, current or upcoming; {@code value} the sales stage to move to, if movable. */
    public record Stage(String label, Integer value, String state) {
    }

    /** {@code key} names the dialog: qualify, disqualify, win or lose. */
    public record Action(String key, String label, String style) {
    }

    public record Choice(String value, String label) {
    }
}
