/**
 * The audit trail: who read a guest's contacts or conversation, who changed a booking, a setting, a
 * message, a journey or a staff account. Append-only in PostgreSQL, shown to managers.
 */
package org.guestjourney.audit;
