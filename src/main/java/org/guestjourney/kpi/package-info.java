/**
 * The numbers a manager runs the house by, per property and period, each with how it is computed:
 * satisfaction by dimension, NPS, survey response rate, complaints by category and urgency, SLA
 * compliance of staff tasks, messages by channel and outcome, bookings by source. Computed from the
 * system of record (PostgreSQL) when asked; the rows behind them export as CSV.
 */
package org.guestjourney.kpi;
