/**
 * Pre-booking inquiries: a prospective guest asks; staff answer personally within the property's
 * working-hours SLA (default 1 hour); outside working hours an automatic holding reply says when
 * they will hear back; a breach alerts the manager. The flow is {@code bpmn/inquiry.bpmn}.
 */
package org.guestjourney.inquiry;
