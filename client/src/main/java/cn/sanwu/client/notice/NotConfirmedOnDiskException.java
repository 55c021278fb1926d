package cn.sanwu.client.notice;

import cn.sanwu.client.store.StoreException;
import cn.sanwu.model.notice.Notice;

/**
 * The save committed, but forcing it to disk failed. The notice is stored at {@link #saved()}'s
 * revision, so the editor must carry on from that revision (or its next save would be refused
 * as an edit conflict) and save again to get a confirmed copy.
 */
public final class NotConfirmedOnDiskException extends StoreException {

    private final transient Notice saved;

    public NotConfirmedOnDiskException(Notice saved, StoreException cause) {
        super(cause.userMessage(), cause.getCause());
        this.saved = saved;
    }

    public Notice saved() {
        return saved;
    }
}
