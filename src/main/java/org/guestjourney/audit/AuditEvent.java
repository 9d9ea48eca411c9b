package org.guestjourney.audit;

import java.time.Instant;

/**
 * One entry of the audit trail.
 *
 * @param id entry id
 * @param occurredAt when
 * @param actor the staff member or API key ("api-key:Channel manager (ab12cd)")
 * @param action READ, CHANGE, EXPORT or ERASE
 * @param what the request, e.g. {@code POST /bookings/12/conversation}
 * @param subject what kind of thing (booking, message, task, property, guest, staff, key ...)
 * @param subjectId its id
 * @param propertyId the property it belongs to, if any
 * @param status the answer's HTTP status
 */
public record AuditEvent(
    long id,
    Instant occurredAt,
    String actor,
    String action,
    String what,
    String subject,
    Long subjectId,
    Long propertyId,
    Integer status) {}
