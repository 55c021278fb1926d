package cn.sanwu.client.notice;

import cn.sanwu.client.store.StoreException;

/** The notice was saved elsewhere (another window) since this editor loaded it. Nothing was written. */
public final class EditConflictException extends StoreException {
    public EditConflictException(int expectedRevision, int storedRevision) {
        super("这份公告已在别处修改（当前第 " + storedRevision + " 版，您编辑的是第 " + expectedRevision
                + " 版）。本次修改未保存，请重新打开后再改。");
    }
}
