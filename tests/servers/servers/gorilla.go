// gorilla/websocket (Debian golang-github-gorilla-websocket-dev) with its defaults: a
// zero Upgrader (default CheckOrigin: the Origin's host must equal the Host header, no
// subprotocols, no compression) behind net/http's ServeMux pattern "/" (every path).
// Upgrade writes its own error response; its error is logged here.
package main

import (
	"log"
	"net/http"
	"os"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{}

func echo(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		log.Printf("upgrade: %v", err)
		return
	}
	defer conn.Close()
	log.Printf("open %s subprotocol=%q", r.URL.RequestURI(), conn.Subprotocol())
	for {
		messageType, message, err := conn.ReadMessage()
		if err != nil {
			if !websocket.IsCloseError(err, websocket.CloseNormalClosure) {
				log.Printf("read: %v", err)
			}
			return
		}
		if err := conn.WriteMessage(messageType, message); err != nil {
			log.Printf("write: %v", err)
			return
		}
	}
}

func main() {
	log.SetFlags(0)
	http.HandleFunc("/", echo)
	log.Fatal(http.ListenAndServe("127.0.0.1:"+os.Args[1], nil))
}
