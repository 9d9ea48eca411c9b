package org.guestjourney.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A staff reply that greets the guest itself gets no second greeting from the template. */
class ReplyGreetingTest {

  @Test
  void repliesThatOpenWithAGreetingAreRecognised() {
    assertThat(ConversationService.greets("Hi Marco, the towels are on their way")).isTrue();
    assertThat(ConversationService.greets("  Dear Mr Rossi, thank you")).isTrue();
    assertThat(ConversationService.greets("Buongiorno! Certo.")).isTrue();
    assertThat(ConversationService.greets("您好，毛巾马上送到")).isTrue();
  }

  @Test
  void repliesThatDoNotAreGreetedByTheTemplate() {
    assertThat(ConversationService.greets("Of course, the towels are on their way")).isFalse();
    assertThat(ConversationService.greets("Historic centre is 5 minutes away")).isFalse();
    assertThat(ConversationService.greets("Hiking maps are at the desk")).isFalse();
    assertThat(ConversationService.greets(null)).isFalse();
  }
}
