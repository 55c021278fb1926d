package cn.sanwu.client.testsupport;

/** The seed of a randomised test: {@code -Dseed=} to replay a printed one, otherwise a new one. */
public final class Seeds {

    private Seeds() {
    }

    public static long fromSystemProperty() {
        String given = System.getProperty("seed");
        return given == null || given.isBlank() ? System.nanoTime() : Long.parseLong(given.strip());
    }
}
