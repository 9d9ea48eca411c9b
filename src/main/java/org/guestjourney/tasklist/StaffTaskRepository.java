package org.guestjourney.tasklist;

import static org.guestjourney.persistence.JdbcTime.instant;
import static org.guestjourney.persistence.JdbcTime.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class StaffTaskRepository {

  private final JdbcClient jdbc;

  StaffTaskRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records an activated task job; the same job activated again changes nothing. The new task's id,
   * or empty when it was recorded before.
   */
  Optional<Long> insertIfAbsent(NewTask t, Instant now) {
    return jdbc.sql(
            """
            insert into staff_task (job_key, process_instance_key, element_instance_key, process_id,
              element_id, task_kind, name, form_key, candidate_groups, assignee, due_at, booking_id,
              complaint_id, request_id, state, created_at, updated_at)
            values (:jobKey, :pik, :eik, :processId, :elementId, :taskKind, :name, :formKey, :groups,
              :assignee, :dueAt, :bookingId, :complaintId, :requestId, 'OPEN', :now, :now)
            on conflict (job_key) do nothing returning id
            """)
        .param("jobKey", t.jobKey())
        .param("pik", t.processInstanceKey())
        .param("eik", t.elementInstanceKey())
        .param("processId", t.processId())
        .param("elementId", t.elementId())
        .param("taskKind", t.taskKind())
        .param("name", t.name())
        .param("formKey", t.formKey())
        .param("groups", String.join(",", t.candidateGroups()))
        .param("assignee", t.assignee())
        .param("dueAt", ts(t.dueAt()))
        .param("bookingId", t.bookingId())
        .param("complaintId", t.complaintId())
        .param("requestId", t.requestId())
        .param("now", ts(now))
        .query(Long.class)
        .optional();
  }

  /** What the user-task job tells us about a new task. */
  record NewTask(
      long jobKey,
      long processInstanceKey,
      long elementInstanceKey,
      String processId,
      String elementId,
      String taskKind,
      String name,
      String formKey,
      List<String> candidateGroups,
      String assignee,
      Instant dueAt,
      Long bookingId,
      Long complaintId,
      Long requestId) {}

  Optional<StaffTask> findById(long id) {
    return jdbc.sql("select * from staff_task where id = ?").param(id).query(this::map).optional();
  }

  /**
   * The task, its row locked until the surrounding transaction ends: a bulk action decides on what
   * it reads here, and nobody changes the task in between.
   */
  Optional<StaffTask> lock(long id) {
    return jdbc.sql("select * from staff_task where id = ? for update")
        .param(id)
        .query(this::map)
        .optional();
  }

  List<StaffTask> findOpen() {
    return jdbc.sql("select * from staff_task where state = 'OPEN' order by due_at nulls last, id")
        .query(this::map)
        .list();
  }

  List<StaffTask> findByProcessInstance(long processInstanceKey) {
    return jdbc.sql("select * from staff_task where process_instance_key = ? order by id")
        .param(processInstanceKey)
        .query(this::map)
        .list();
  }

  List<StaffTask> findOpenByBooking(long bookingId) {
    return jdbc.sql("select * from staff_task where booking_id = ? and state = 'OPEN' order by id")
        .param(bookingId)
        .query(this::map)
        .list();
  }

  List<StaffTask> findByBooking(long bookingId) {
    return jdbc.sql("select * from staff_task where booking_id = ? order by id")
        .param(bookingId)
        .query(this::map)
        .list();
  }

  int cancelOpenOfKind(long bookingId, String taskKind, Instant now) {
    return jdbc.sql(
            """
            update staff_task set state = 'CANCELLED', updated_at = ?
             where booking_id = ? and task_kind = ? and state = 'OPEN'
            """)
        .params(ts(now), bookingId, taskKind)
        .update();
  }

  int cancelOpen(long bookingId, String processId, Instant now) {
    return jdbc.sql(
            """
            update staff_task set state = 'CANCELLED', updated_at = ?
             where booking_id = ? and process_id = ? and state = 'OPEN'
            """)
        .params(ts(now), bookingId, processId)
        .update();
  }

  /**
   * Cancels every open task and retires the job keys of all tasks (an engine that started empty
   * hands out the same keys again: a new task must not collide with one of an earlier run).
   */
  int cancelAllOpenAndRetireJobKeys(Instant now) {
    int cancelled =
        jdbc.sql("update staff_task set state = 'CANCELLED', updated_at = ? where state = 'OPEN'")
            .param(ts(now))
            .update();
    jdbc.sql("update staff_task set job_key = -id where job_key > 0").update();
    return cancelled;
  }

  boolean claim(long id, String user, Instant now) {
    return jdbc.sql(
                """
                update staff_task set assignee = ?, updated_at = ?, claimed_at = coalesce(claimed_at, ?)
                 where id = ? and state = 'OPEN' and (assignee is null or assignee = ?)
                """)
            .params(user, ts(now), ts(now), id, user)
            .update()
        == 1;
  }

  boolean unclaim(long id, String user, boolean manager, Instant now) {
    return jdbc.sql(
                """
                update staff_task set assignee = null, updated_at = ?
                 where id = ? and state = 'OPEN' and (assignee = ? or ?)
                """)
            .params(ts(now), id, user, manager)
            .update()
        == 1;
  }

  boolean complete(long id, String user, String result, Instant now) {
    return jdbc.sql(
                """
                update staff_task set state = 'COMPLETED', completed_by = ?, completed_at = ?,
                  result = ?, assignee = ?, updated_at = ? where id = ? and state = 'OPEN'
                """)
            .params(user, ts(now), result, user, ts(now), id)
            .update()
        == 1;
  }

  void cancel(long id, Instant now) {
    jdbc.sql(
            "update staff_task set state = 'CANCELLED', updated_at = ? where id = ? and state = 'OPEN'")
        .params(ts(now), id)
        .update();
  }

  /** Marks the instance's open tasks of that kind escalated; their ids. */
  List<Long> escalate(long processInstanceKey, String taskKind, String reason, Instant now) {
    return jdbc.sql(
            """
            update staff_task set escalated_at = coalesce(escalated_at, ?),
              escalation_reason = ?, updated_at = ?
             where process_instance_key = ? and task_kind = ? and state = 'OPEN' returning id
            """)
        .params(ts(now), reason, ts(now), processInstanceKey, taskKind)
        .query(Long.class)
        .list();
  }

  /** Gives an open task to {@code assignee} (a manager's decision: replaces any assignee). */
  boolean assign(long id, String assignee, Instant now) {
    return jdbc.sql(
                """
                update staff_task set assignee = ?, updated_at = ?,
                  claimed_at = coalesce(claimed_at, ?) where id = ? and state = 'OPEN'
                """)
            .params(assignee, ts(now), ts(now), id)
            .update()
        == 1;
  }

  /** Open tasks whose deadline passed before {@code now} and that have not been alerted yet. */
  List<Long> breachedWithoutAlert(Instant now, int limit) {
    return jdbc.sql(
            """
            select t.id from staff_task t
             where t.state = 'OPEN' and t.due_at < ?
               and not exists (select 1 from staff_task_alert a
                                where a.task_id = t.id and a.reason = 'BREACH')
             order by t.due_at limit ?
            """)
        .params(ts(now), limit)
        .query(Long.class)
        .list();
  }

  /** The latest change to any task (for pages that refresh themselves). */
  Instant lastChange() {
    return jdbc.sql(
            """
            select max(updated_at) as last_change from staff_task
            """)
        .query((rs, n) -> instant(rs, "last_change"))
        .optional()
        .orElse(null);
  }

  /**
   * Instances started from models of before task kinds name the escalated task by its element id;
   * only {@link StaffTaskService#escalateLegacy} calls this, for them.
   */
  int escalateLegacy(long processInstanceKey, String elementId, String reason, Instant now) {
    return jdbc.sql(
            """
            update staff_task set escalated_at = coalesce(escalated_at, ?),
              escalation_reason = ?, updated_at = ?
             where process_instance_key = ? and element_id = ? and state = 'OPEN'
            """)
        .params(ts(now), reason, ts(now), processInstanceKey, elementId)
        .update();
  }

  private StaffTask map(ResultSet rs, int row) throws SQLException {
    return new StaffTask(
        rs.getLong("id"),
        rs.getLong("job_key"),
        rs.getLong("process_instance_key"),
        rs.getString("process_id"),
        rs.getString("element_id"),
        rs.getString("task_kind"),
        rs.getString("name"),
        rs.getString("form_key"),
        Arrays.stream(rs.getString("candidate_groups").split(","))
            .filter(g -> !g.isBlank())
            .toList(),
        rs.getString("assignee"),
        instant(rs, "due_at"),
        rs.getObject("booking_id", Long.class),
        rs.getObject("complaint_id", Long.class),
        rs.getObject("request_id", Long.class),
        StaffTaskState.valueOf(rs.getString("state")),
        instant(rs, "escalated_at"),
        rs.getString("escalation_reason"),
        rs.getString("completed_by"),
        instant(rs, "completed_at"),
        instant(rs, "created_at"));
  }
}
