-- A low survey score is handed to the guest's journey as the message "low-score-answered"; the
-- journey's "Open a complaint" step opens it. low_score_at: the follow-up table called for a
-- complaint; complaint_opened_at / complaint_id: the journey's step opened it (at most once).
alter table survey_invitation
    add column low_score_at        timestamptz,
    add column complaint_opened_at timestamptz,
    add column complaint_id        bigint references complaint (id);
