package io.drc.strategies.serving;

/** What RDS shows of a production database, as far as guards care. */
public enum DatabaseRole {
    /** A standalone instance: it takes writes (a primary, or a promoted replica). */
    WRITABLE("writable"),
    /** A read replica: it serves no writes. */
    REPLICA("read replica"),
    /** RDS is deleting it. */
    DELETING("being deleted"),
    /** RDS does not know it. */
    ABSENT("absent"),
    /** It could not be read (the region did not answer). */
    UNKNOWN("unknown");

    private final String words;

    DatabaseRole(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
