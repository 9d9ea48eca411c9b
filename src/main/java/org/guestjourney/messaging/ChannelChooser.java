package org.guestjourney.messaging;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.guestjourney.guest.Guest;
import org.springframework.stereotype.Component;

/**
 * Picks the channel for a message at send time: the guest's preferred channel first, then the
 * configured order ({@code guest-journey.messaging.channel-order}); a channel is skipped when the
 * guest has no address for it, it is not configured, or the guest opted out of it. When none is
 * left, the answer says why for each.
 */
@Component
class ChannelChooser {

  private final Map<ChannelType, Channel> channels;
  private final OptOuts optOuts;
  private final MessagingProperties settings;
  private final Unsubscribes unsubscribes;

  ChannelChooser(
      List<Channel> channels,
      OptOuts optOuts,
      MessagingProperties settings,
      Unsubscribes unsubscribes) {
    this.channels = channels.stream().collect(Collectors.toMap(Channel::type, Function.identity()));
    this.optOuts = optOuts;
    this.settings = settings;
    this.unsubscribes = unsubscribes;
  }

  MessagingService.Either choose(
      Guest guest, MessageStep step, ChannelType first, Long propertyId) {
    Set<ChannelType> order = new LinkedHashSet<>();
    if (first != null) {
      order.add(first);
    }
    if (guest.preferredChannel() != null) {
      order.add(ChannelType.valueOf(guest.preferredChannel()));
    }
    order.addAll(settings.channelOrder());
    return firstUsable(order, guest, step, propertyId);
  }

  /** The route on {@code type} only (e.g. the SMS fallback of a WhatsApp message), or why not. */
  MessagingService.Either on(ChannelType type, Guest guest, MessageStep step, Long propertyId) {
    return firstUsable(Set.of(type), guest, step, propertyId);
  }

  private MessagingService.Either firstUsable(
      Set<ChannelType> order, Guest guest, MessageStep step, Long propertyId) {
    List<String> whyNot = new ArrayList<>();
    for (ChannelType type : order) {
      Channel channel = channels.get(type);
      String address = type == ChannelType.EMAIL ? guest.email() : guest.phone();
      Optional<String> blocked = whyNotOn(type, channel, address, step, propertyId);
      if (blocked.isEmpty()) {
        return new MessagingService.Either(new MessagingService.Route(channel, address), null);
      }
      whyNot.add(type.name().toLowerCase() + ": " + blocked.get());
    }
    return new MessagingService.Either(
        null, "No way to reach the guest: " + String.join("; ", whyNot));
  }

  /** Why the guest cannot be reached on {@code type}, or empty when they can. */
  private Optional<String> whyNotOn(
      ChannelType type, Channel channel, String address, MessageStep step, Long propertyId) {
    if (channel == null) {
      return Optional.of("not available in this installation");
    }
    if (address == null || address.isBlank()) {
      return Optional.of(
          "the guest has no " + (type == ChannelType.EMAIL ? "e-mail address" : "phone number"));
    }
    Optional<String> blocked =
        channel.unavailableReason(propertyId).or(() -> optOuts.whyNot(address, type));
    if (blocked.isPresent()) {
      return blocked;
    }
    if (type == ChannelType.EMAIL
        && !step.transactional()
        && unsubscribes.isUnsubscribed(address)) {
      return Optional.of("the guest unsubscribed from surveys and review requests");
    }
    return Optional.empty();
  }
}
