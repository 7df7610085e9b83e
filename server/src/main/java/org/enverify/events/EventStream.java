package org.enverify.events;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.enverify.platform.ConditionalOnSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes events to a RabbitMQ topic exchange with publisher confirms: persistent messages whose
 * message id is the event id, so consumers can drop the duplicates that at-least-once delivery allows.
 */
@Component
@ConditionalOnSettings("enverify.rabbitmq.url")
class EventStream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    private final EventStreamSettings settings;
    private Connection connection;
    private Channel channel;

    EventStream(EventStreamSettings settings) {
        this.settings = settings;
    }

    /** Publishes every event and waits for the broker's confirms; throws when any is not confirmed. */
    synchronized void publish(List<EventRepository.StoredEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            Channel open = channel();
            for (EventRepository.StoredEvent event : events) {
                AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                        .messageId(event.id().toString())
                        .type(event.type())
                        .contentType("application/json")
                        .deliveryMode(2)
                        .timestamp(Date.from(event.occurredAt()))
                        .build();
                open.basicPublish(
                        settings.exchange(),
                        event.realm() + "." + event.type(),
                        properties,
                        WebhookDeliveryJob.body(event));
            }
            open.waitForConfirmsOrDie(settings.confirmTimeout().toMillis());
        } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            closeQuietly();
            throw new IllegalStateException("Publishing events to RabbitMQ failed: " + e.getMessage(), e);
        }
    }

    private Channel channel() throws IOException, TimeoutException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        closeQuietly();
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(settings.url());
        } catch (Exception e) {
            throw new IllegalStateException("ENVERIFY_RABBITMQ_URL is not an amqp:// or amqps:// URL", e);
        }
        factory.setAutomaticRecoveryEnabled(false);
        connection = factory.newConnection("enverify");
        channel = connection.createChannel();
        channel.exchangeDeclare(settings.exchange(), "topic", true);
        channel.confirmSelect();
        log.info("Publishing events to RabbitMQ exchange {}", settings.exchange());
        return channel;
    }

    private void closeQuietly() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Closing the RabbitMQ connection failed", e);
        }
        connection = null;
        channel = null;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
