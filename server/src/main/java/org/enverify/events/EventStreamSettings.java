package org.enverify.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event stream.
 *
 * @param url the RabbitMQ broker, such as {@code amqps://user:password@rabbit.example.org/vhost}
 *     ({@code ENVERIFY_RABBITMQ_URL}); events are published only when it is set
 * @param exchange the topic exchange events go to ({@code ENVERIFY_RABBITMQ_EXCHANGE}); routing key
 *     {@code <realmId>.<type>}
 * @param confirmTimeout longest wait for the broker to confirm a batch ({@code ENVERIFY_RABBITMQ_CONFIRM_TIMEOUT})
 */
@ConfigurationProperties("enverify.rabbitmq")
record EventStreamSettings(
        @DefaultValue("") String url,
        @DefaultValue("enverify.events") String exchange,
        @DefaultValue("30s") Duration confirmTimeout) {}
