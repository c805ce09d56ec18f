package io.rapport.metadata.internal;

/** One stored metadata definition: an entity, attribute, option set, option, override, relationship or key. */
record MetadataRow(String kind, String name, String source, String body) {

    static final String ENTITY = "entity";
    static final String ATTRIBUTE = "attribute";
    static final String OPTION_SET = "optionset";
    static final String OPTION = "option";
    static final String OVERRIDE = "override";
    static final String RELATIONSHIP = "relationship";
    static final String KEY = "key";

    static final String SYSTEM = "system";
    static final String CUSTOM = "custom";
}
