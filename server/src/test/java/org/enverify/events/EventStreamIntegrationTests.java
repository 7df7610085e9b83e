package org.enverify.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.enverify.jobs.Jobs;
import org.enverify.jobs.PeriodicTasks;
import org.enverify.support.ApiClient;
import org.enverify.support.MessagingIntegrationTest;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Events reach the machine's RabbitMQ (127.0.0.1:5672, guest/guest) on the topic exchange, by realm and type. */
@MessagingIntegrationTest
class EventStreamIntegrationTests {

    @Autowired
    PeriodicTasks tasks;

    Connection connection;
    Channel channel;

    @BeforeEach
    void connect() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setConnectionTimeout(2000);
        try {
            connection = factory.newConnection("enverify-test");
            channel = connection.createChannel();
        } catch (Exception e) {
            Assumptions.abort("No RabbitMQ broker reachable at 127.0.0.1:5672 (" + e.getMessage() + ")");
        }
    }

    @AfterEach
    void disconnect() throws Exception {
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void issuedAndClaimedCodesArePublishedOnceEachWithTheirEventIdAsMessageId(TestRealm realm, ApiClient api)
            throws Exception {
        channel.exchangeDeclare("enverify.events", "topic", true);
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, "enverify.events", realm.id() + ".code.*");

        JsonNode issued = api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"))
                .json();
        api.post(
                "/api/verify",
                realm.deviceKey(),
                Map.of("code", issued.path("code").asString()));
        Jobs.runNow(tasks, "event-stream");
        Jobs.runNow(tasks, "event-stream");

        List<GetResponse> messages = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (messages.size() < 2 && System.nanoTime() < deadline) {
            GetResponse message = channel.basicGet(queue, true);
            if (message == null) {
                Thread.sleep(100);
            } else {
                messages.add(message);
            }
        }
        assertThat(channel.basicGet(queue, true))
                .as("each event published once")
                .isNull();
        assertThat(messages)
                .extracting(m -> m.getEnvelope().getRoutingKey())
                .containsExactly(realm.id() + ".code.issued", realm.id() + ".code.claimed");
        JsonMapper json = JsonMapper.builder().build();
        for (GetResponse message : messages) {
            JsonNode body = json.readTree(message.getBody());
            assertThat(message.getProps().getMessageId())
                    .isEqualTo(body.path("id").asString());
            assertThat(body.path("realmId").asLong()).isEqualTo(realm.id().value());
            assertThat(body.path("data").path("uuid").asString())
                    .isEqualTo(issued.path("uuid").asString());
            assertThat(new String(message.getBody()))
                    .doesNotContain(issued.path("code").asString());
        }
    }
}
