package io.rapport.pipeline;

/** Where in the pipeline a plugin step runs, as Dataverse's stages. */
public enum Stage {
    /** Before validation against metadata and the privilege check; may reject or complete the input. */
    PRE_VALIDATION(10),
    /** After validation, before the database write; may change the target. */
    PRE_OPERATION(20),
    /** After the database write, in the same transaction; may run further messages. */
    POST_OPERATION(40);

    private final int value;

    Stage(int value) {
        this.value = value;
    }

    /** The Dataverse stage number. */
    public int value() {
        return value;
    }
}
