package org.enverify.sms;

/** Something that delivers one SMS, or says why it did not. */
interface SmsProvider {

    /**
     * @param to the E.164 number
     * @param from a sender number, or a Twilio messaging service SID ({@code MG...})
     * @throws SmsRefusedException when the SMS was not accepted for delivery
     */
    void send(String to, String from, String body);
}
