package io.rapport.metadata.internal;

/** One stored metadata definition: an entity, attribute, option set, option, option list, override, relationship or
 * key. */
record MetadataRow(String kind, String name, String source, String body) {

    static final String ENTITY = "entity";
    static final String ATTRIBUTE = "attribute";
    static final String OPTION_SET = "optionset";
    static final String OPTION = "option";
    static final String OVERRIDE = "override";
    static final String RELATIONSHIP = "relationship";
    static final String KEY = "key";
    /** The whole option list of an option set once an option was relabelled, removed or reordered. */
    static final String OPTION_LIST = "optionlist";

    static final String SYSTEM = "system";
    static final String CUSTOM = "custom";
}
