// Node's own http server (llhttp): prints its port, answers an upgrade request with 299 and a
// request it cannot parse with 400 and llhttp's error code, so probe.py sees which it was.
const http = require('http');
const server = http.createServer((req, res) => {
  res.writeHead(200);
  res.end();
});
server.on('upgrade', (req, socket) => {
  socket.end('HTTP/1.1 299 Upgrade Event\r\n\r\n');
});
server.on('clientError', (err, socket) => {
  socket.end(`HTTP/1.1 400 Bad Request\r\nX-Error: ${err.code}\r\n\r\n`);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
