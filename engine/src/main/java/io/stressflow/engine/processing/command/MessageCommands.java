package io.stressflow.engine.processing.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.model.EventTrigger;
import io.stressflow.engine.model.ExecutableProcess;
import io.stressflow.engine.model.FlowNode;
import io.stressflow.engine.processing.BpmnProcessor;
import io.stressflow.engine.processing.CommandRejectedException;
import io.stressflow.engine.processing.RejectionType;
import io.stressflow.engine.state.Message;
import io.stressflow.engine.state.MessageSubscription;
import io.stressflow.engine.state.ProcessDefinition;
import io.stressflow.engine.state.ProcessInstance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Publishing (with buffering) and correlating messages. */
public final class MessageCommands {
  private MessageCommands() {}

  /**
   * Publishes a message: correlates it to every waiting instance (once per instance), starts
   * instances of processes with a matching message start event, and buffers it for its TTL.
   *
   * @param processor the processor.
   * @param name the message name.
   * @param correlationKey the correlation key.
   * @param timeToLive the time to live in ms.
   * @param messageId the message id for uniqueness, or empty.
   * @param variables the payload.
   * @return the message key.
   */
  public static long publish(
      final BpmnProcessor processor,
      final String name,
      final String correlationKey,
      final long timeToLive,
      final String messageId,
      final Map<String, JsonNode> variables) {
    requireName(name, "PUBLISH");
    final long now = processor.now();
    if (messageId != null && !messageId.isEmpty()) {
      for (final Message message : processor.state().messages().view()) {
        if (message.name.equals(name)
            && messageId.equals(message.messageId)
            && message.expiresAt > now) {
          throw new CommandRejectedException(
              "PUBLISH",
              RejectionType.ALREADY_EXISTS,
              "Expected to publish a new message with id '%s', but a message with that id was"
                      .formatted(messageId)
                  + " already published");
        }
      }
    }
    final Message message = new Message();
    message.key = processor.state().nextKey();
    message.name = name;
    message.correlationKey = correlationKey == null ? "" : correlationKey;
    message.messageId = messageId == null ? "" : messageId;
    message.expiresAt = now + Math.max(0, timeToLive);
    message.variables = new LinkedHashMap<>(variables);
    for (final MessageSubscription subscription : processor.state().subscriptions().values()) {
      if (matches(subscription, message)
          && processor.state().subscriptions().get(subscription.key) != null) {
        final String processId = processIdOf(processor, subscription);
        if (!message.correlatedProcessIds.contains(processId)) {
          message.correlatedProcessIds.add(processId);
          processor.events().trigger(subscription, message.variables);
          processor.drain();
        }
      }
    }
    startInstances(processor, message, false);
    if (timeToLive > 0) {
      processor.state().messages().put(message);
    }
    return message.key;
  }

  /**
   * Correlates a message to exactly one waiting instance (or message start), without buffering.
   *
   * @param processor the processor.
   * @param name the message name.
   * @param correlationKey the correlation key.
   * @param variables the payload.
   * @return the message key and the process instance it reached.
   */
  public static long[] correlate(
      final BpmnProcessor processor,
      final String name,
      final String correlationKey,
      final Map<String, JsonNode> variables) {
    requireName(name, "CORRELATE");
    final Message message = new Message();
    message.key = processor.state().nextKey();
    message.name = name;
    message.correlationKey = correlationKey == null ? "" : correlationKey;
    message.variables = new LinkedHashMap<>(variables);
    for (final MessageSubscription subscription : processor.state().subscriptions().values()) {
      if (matches(subscription, message)) {
        processor.events().trigger(subscription, message.variables);
        return new long[] {message.key, subscription.processInstanceKey};
      }
    }
    final List<ProcessInstance> started = startInstances(processor, message, true);
    if (started.isEmpty()) {
      throw new CommandRejectedException(
          "CORRELATE",
          RejectionType.NOT_FOUND,
          "Expected to find subscription for message with name '%s' and correlation key '%s',"
                  .formatted(name, message.correlationKey)
              + " but none was found.");
    }
    return new long[] {message.key, started.get(0).key};
  }

  private static List<ProcessInstance> startInstances(
      final BpmnProcessor processor, final Message message, final boolean firstOnly) {
    final List<ProcessInstance> started = new java.util.ArrayList<>();
    final Set<String> processIds = new java.util.LinkedHashSet<>();
    processor.state().definitions().view().forEach(d -> processIds.add(d.bpmnProcessId()));
    processIds.removeAll(message.correlatedProcessIds);
    for (final String processId : processIds) {
      final Optional<ProcessDefinition> latest = processor.processes().latest(processId);
      if (latest.isEmpty()) {
        continue;
      }
      final Optional<FlowNode> start = messageStart(processor, latest.get(), message.name);
      if (start.isEmpty()) {
        continue;
      }
      started.add(
          processor.startInstance(
              latest.get(), Map.of(), start.get().id(), message.variables, null));
      message.correlatedProcessIds.add(processId);
      processor.drain();
      if (firstOnly) {
        break;
      }
    }
    return started;
  }

  private static Optional<FlowNode> messageStart(
      final BpmnProcessor processor, final ProcessDefinition definition, final String name) {
    final ExecutableProcess model = processor.processes().model(definition.key());
    return model.childrenOf(model.bpmnProcessId()).stream()
        .filter(
            n ->
                n.type() == BpmnElementType.START_EVENT
                    && n.trigger() instanceof EventTrigger.Message m
                    && m.name().equals(name))
        .findFirst();
  }

  private static String processIdOf(
      final BpmnProcessor processor, final MessageSubscription subscription) {
    return processor.state().processInstances().get(subscription.processInstanceKey).bpmnProcessId;
  }

  private static boolean matches(final MessageSubscription subscription, final Message message) {
    return subscription.messageName.equals(message.name)
        && subscription.correlationKey.equals(message.correlationKey);
  }

  private static void requireName(final String name, final String intent) {
    if (name == null || name.isBlank()) {
      throw new CommandRejectedException(
          intent, RejectionType.INVALID_ARGUMENT, "Expected a message name, but none was given");
    }
  }

  /**
   * Removes buffered messages whose time to live ran out.
   *
   * @param processor the processor.
   */
  public static void expire(final BpmnProcessor processor) {
    final long now = processor.now();
    for (final Message message : processor.state().messages().values()) {
      if (message.expiresAt <= now) {
        processor.state().messages().remove(message.key);
      }
    }
  }
}
