-- Sanwu local store, schema 4: the review workflow (docs/review.md).

-- The fields a notice's sync payload carries beyond {id, status, revision, reason, content}:
-- the supervisor's sign-off (signOff), the 不公开备案 marker (filing), a correction's public reason
-- (correctionReason) and the township's decision as the server wrote it (review: return comment,
-- approval, 公开编号, posting window). One JSON object per notice, written with the notice.
CREATE TABLE notice_review (
    notice_id UUID PRIMARY KEY,
    extras_json CLOB NOT NULL
);
