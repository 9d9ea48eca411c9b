package org.guestjourney.messaging;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
      String name = type.name().toLowerCase();
      Channel channel = channels.get(type);
      String address = type == ChannelType.EMAIL ? guest.email() : guest.phone();
      if (channel == null) {
        whyNot.add(name + ": not available in this installation");
      } else if (address == null || address.isBlank()) {
        whyNot.add(
            name
                + ": the guest has no "
                + (type == ChannelType.EMAIL ? "e-mail address" : "phone number"));
      } else if (channel.unavailableReason(propertyId).isPresent()) {
        whyNot.add(name + ": " + channel.unavailableReason(propertyId).get());
      } else if (optOuts.whyNot(address, type).isPresent()) {
        whyNot.add(name + ": " + optOuts.whyNot(address, type).get());
      } else if (type == ChannelType.EMAIL
          && !step.transactional()
          && unsubscribes.isUnsubscribed(address)) {
        whyNot.add(name + ": the guest unsubscribed from surveys and review requests");
      } else {
        return new MessagingService.Either(new MessagingService.Route(channel, address), null);
      }
    }
    return new MessagingService.Either(
        null, "No way to reach the guest: " + String.join("; ", whyNot));
  }
}
