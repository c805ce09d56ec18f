package io.rapport.metadata;

/** Cascade behaviour of a one-to-many relationship for delete, assign and share. */
public record CascadeConfiguration(CascadeType delete, CascadeType assign, CascadeType share) {

    public CascadeConfiguration {
        delete = delete == null ? CascadeType.REMOVE_LINK : delete;
        assign = assign == null ? CascadeType.NO_CASCADE : assign;
        share = share == null ? CascadeType.NO_CASCADE : share;
        if (delete != CascadeType.CASCADE && delete != CascadeType.REMOVE_LINK && delete != CascadeType.RESTRICT) {
            throw new IllegalArgumentException("Delete cascade must be Cascade, RemoveLink or Restrict");
        }
    }

    /** Referential: removing the parent clears the lookup; nothing else cascades. */
    public static CascadeConfiguration referential() {
        return new CascadeConfiguration(CascadeType.REMOVE_LINK, CascadeType.NO_CASCADE, CascadeType.NO_CASCADE);
    }

    /** Parental: children follow the parent in delete, assign and share. */
    public static CascadeConfiguration parental() {
        return new CascadeConfiguration(CascadeType.CASCADE, CascadeType.CASCADE, CascadeType.CASCADE);
    }
}
