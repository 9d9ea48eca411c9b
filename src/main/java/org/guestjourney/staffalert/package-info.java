/**
 * Nothing waits for someone to look: a new task for a team, a task a manager gives someone, a
 * deadline that is near, an urgent task (a smell of gas, an urgent complaint) and a passed deadline
 * reach the right people (the team, whoever has the task, the property's manager on duty) by e-mail
 * and text message, once per task and reason whichever replica of the app notices first. Each
 * person chooses on their alerts page which alerts reach them, how, and whether at once or in a
 * digest (ADR 0065); urgent ones and passed deadlines always go at once. Managers take the duty of
 * a property there.
 */
package org.guestjourney.staffalert;
