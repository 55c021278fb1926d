package cn.sanwu.client.store;

/**
 * How the H2 file is opened. Production always uses {@link #SAFE}. {@link #H2_DEFAULT_UNSAFE}
 * exists only so the kill-test harness can show that it detects the loss H2's default 500 ms
 * write delay causes (DESIGN.md §5.5); nothing in the application selects it.
 */
public enum Durability {
    /** {@code WRITE_DELAY=0} and {@code CHECKPOINT SYNC} after every user-visible save. */
    SAFE,
    /** H2's default write delay and no forced sync: loses acknowledged commits on kill -9. */
    H2_DEFAULT_UNSAFE
}
