// The identity providers of the management API's walkthrough (docs/management-api.md#walkthrough): two
// instances of oauth2-mock-server on the loopback interface, the operator's (RS256) and a county's (ES256),
// each with its issuer http://localhost:<port>, OpenID discovery, a JWKS of a key generated at start, and a
// token endpoint that signs whatever a client asks for. For a laptop only: it checks no client secret.
//
//   npm ci && node idp.mjs [operator-port county-port]      (defaults 9000 and 9001)
import { OAuth2Server } from 'oauth2-mock-server';

const [operatorPort = 9000, countyPort = 9001] = process.argv.slice(2).map(Number);

async function provider(name, port, algorithm) {
  const server = new OAuth2Server();
  await server.issuer.keys.generate(algorithm);
  // The mock's client credentials tokens name no subject; real providers name the client, and Enverify
  // takes the subject as the caller (oauth:<sub>), so it refuses a token without one.
  server.service.on('beforeTokenSigning', (token, request) => {
    token.payload.sub = request.body.client_id;
  });
  await server.start(port, '127.0.0.1');
  console.log(`${name}: issuer ${server.issuer.url} (${algorithm})`);
}

await provider('operator', operatorPort, 'RS256');
await provider('county', countyPort, 'ES256');
