// nhooyr.io/websocket (Debian golang-nhooyr-websocket-dev 1.8.7) with its defaults:
// websocket.Accept(w, r, nil) (origin must match the Host header, no subprotocols,
// compression mode "no context takeover" offered back when the client asks) behind
// net/http's ServeMux pattern "/" (every path). Accept writes its own error response; its
// error is logged here.
package main

import (
	"context"
	"log"
	"net/http"
	"os"

	"nhooyr.io/websocket"
)

func echo(w http.ResponseWriter, r *http.Request) {
	conn, err := websocket.Accept(w, r, nil)
	if err != nil {
		log.Printf("accept: %v", err)
		return
	}
	defer conn.Close(websocket.StatusInternalError, "")
	log.Printf("open %s subprotocol=%q", r.URL.RequestURI(), conn.Subprotocol())
	ctx := context.Background()
	for {
		messageType, message, err := conn.Read(ctx)
		if err != nil {
			if websocket.CloseStatus(err) != websocket.StatusNormalClosure {
				log.Printf("read: %v", err)
			}
			return
		}
		if err := conn.Write(ctx, messageType, message); err != nil {
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
