/**
 * Nothing urgent waits for someone to look: when an urgent task appears (a smell of gas, an urgent
 * complaint) or a task's deadline passes, the task's team and the property's manager on duty get an
 * e-mail (and a text message when they gave a phone number and SMS is set up), once per task and
 * reason, whichever replica of the app notices first. Staff give their own addresses on their
 * alerts page; managers take the duty of a property there.
 */
package org.guestjourney.staffalert;
