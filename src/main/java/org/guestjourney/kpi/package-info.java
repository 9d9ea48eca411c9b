/**
 * The numbers a manager runs the house by, per property and period, each with how it is computed:
 * satisfaction by dimension, NPS, survey response rate, complaints by category and urgency, SLA
 * compliance (inquiries answered, complaints acknowledged and resolved in time), repeat stays,
 * suggestion adoption, feedback by type, messages by channel and outcome, bookings by source, and a
 * monthly trend drawn as inline SVG. Computed from the system of record (PostgreSQL) when asked;
 * the rows behind every figure are a page and a CSV ({@link org.guestjourney.kpi.KpiRows}).
 */
package org.guestjourney.kpi;
