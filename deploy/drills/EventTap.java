import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Drill 5's consumer (deploy/drills/run.sh): a durable queue bound to Enverify's event exchange, read
 * until the process is stopped, writing the message id (the event id) of every delivery to a file, one
 * a line, duplicates included. The queue is durable and the client recovers its connection, so events
 * published while it reconnects after the broker's restart wait in the queue. Run with the source
 * launcher on the extracted jar's lib/: java -cp 'lib/*' EventTap.java AMQP-URL EXCHANGE QUEUE FILE
 */
public class EventTap {
    public static void main(String[] args) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(args[0]);
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(1000);
        PrintWriter out = new PrintWriter(new FileWriter(args[3], StandardCharsets.UTF_8), true);
        Connection connection = factory.newConnection("enverify-drills-event-tap");
        Channel channel = connection.createChannel();
        channel.exchangeDeclare(args[1], "topic", true);
        channel.queueDeclare(args[2], true, false, false, null);
        channel.queueBind(args[2], args[1], "#");
        channel.basicConsume(args[2], false, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws IOException {
                synchronized (out) {
                    out.println(properties.getMessageId());
                }
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            }
        });
        System.out.println("ready");
        Thread.currentThread().join();
    }
}
