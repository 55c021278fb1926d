package cn.sanwu.client.sync;

import java.time.Instant;

/**
 * What the status bar says, read from the store in one go.
 *
 * @param waiting      changes not yet stored by the server (waiting or in flight)
 * @param inFlight     changes in a request that has not been answered yet
 * @param conflicts    open conflicts, waiting for a person
 * @param rejected     changes the server refused; never retried
 * @param lastSuccess  when a response was last applied, or null
 * @param lastError    why the last attempt failed, or null if it succeeded (or none was made)
 */
public record SyncStatus(int waiting, int inFlight, int conflicts, int rejected, Instant lastSuccess, String lastError) {
}
