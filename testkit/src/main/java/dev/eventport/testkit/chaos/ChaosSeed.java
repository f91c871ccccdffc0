package dev.eventport.testkit.chaos;

import java.security.SecureRandom;

/**
 * The seed of a chaos run: the system property {@value #PROPERTY} when set (to replay a run), else a new random one.
 *
 * <p>Contract: {@link #resolve()} fails with an IllegalArgumentException naming the property when its value is not
 * a long; {@link #rerunHint()} is the sentence to print with any failure so that the run can be replayed.
 *
 * @param value the seed
 */
public record ChaosSeed(long value) {

    /** The system property that fixes the seed: {@code -Deventport.chaos.seed=...}. */
    public static final String PROPERTY = "eventport.chaos.seed";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The seed named by {@value #PROPERTY}, or a new random seed. */
    public static ChaosSeed resolve() {
        String fixed = System.getProperty(PROPERTY);
        if (fixed == null || fixed.isBlank()) {
            return new ChaosSeed(RANDOM.nextLong());
        }
        try {
            return new ChaosSeed(Long.parseLong(fixed.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("System property " + PROPERTY + " must be a long (the seed a failing run "
                    + "printed), but was '" + fixed + "'", e);
        }
    }

    /** Whether the seed was fixed with {@value #PROPERTY} rather than drawn. */
    public static boolean isFixed() {
        String fixed = System.getProperty(PROPERTY);
        return fixed != null && !fixed.isBlank();
    }

    /** "chaos seed N; replay with -Deventport.chaos.seed=N". */
    public String rerunHint() {
        return "chaos seed " + value + "; replay with -D" + PROPERTY + "=" + value;
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
