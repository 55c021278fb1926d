package cn.sanwu.client.notice;

import cn.sanwu.client.store.StoreException;
import java.util.UUID;

/** A stored notice whose content no longer matches its content hash: never shown as valid. */
public final class CorruptedNoticeException extends StoreException {

    private final UUID noticeId;

    public CorruptedNoticeException(UUID noticeId, String detail) {
        super("公告 " + noticeId + " 的数据已损坏（内容指纹不符），不能打开。请从备份恢复或与乡镇联系。", new IllegalStateException(detail));
        this.noticeId = noticeId;
    }

    public UUID noticeId() {
        return noticeId;
    }
}
