package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"net"
	"reflect"
	"strings"
	"testing"
	"time"

	"goecho/tfplugin6"
)

// The served schemas written back in schema.json's form.
func jsonOfSchema(schema *tfplugin6.Schema) *jsonSchema {
	return &jsonSchema{Version: schema.Version, Block: jsonOfBlock(schema.Block)}
}

func jsonOfKind(kind tfplugin6.StringKind) string { return strings.ToLower(kind.String()) }

func jsonOfBlock(block *tfplugin6.Schema_Block) *jsonBlock {
	result := &jsonBlock{Description: block.Description, DescriptionKind: jsonOfKind(block.DescriptionKind), Deprecated: block.Deprecated}
	for _, attribute := range block.Attributes {
		if result.Attributes == nil {
			result.Attributes = map[string]*jsonAttribute{}
		}
		result.Attributes[attribute.Name] = jsonOfAttribute(attribute)
	}
	for _, nested := range block.BlockTypes {
		if result.BlockTypes == nil {
			result.BlockTypes = map[string]*jsonBlockType{}
		}
		result.BlockTypes[nested.TypeName] = &jsonBlockType{
			NestingMode: strings.ToLower(nested.Nesting.String()), Block: jsonOfBlock(nested.Block), MinItems: nested.MinItems, MaxItems: nested.MaxItems,
		}
	}
	return result
}

func jsonOfAttribute(attribute *tfplugin6.Schema_Attribute) *jsonAttribute {
	result := &jsonAttribute{
		Type: json.RawMessage(attribute.Type), Description: attribute.Description, DescriptionKind: jsonOfKind(attribute.DescriptionKind),
		Deprecated: attribute.Deprecated, Required: attribute.Required, Optional: attribute.Optional, Computed: attribute.Computed,
		Sensitive: attribute.Sensitive, WriteOnly: attribute.WriteOnly,
	}
	if len(attribute.Type) == 0 {
		result.Type = nil
	}
	if object := attribute.NestedType; object != nil {
		result.NestedType = &jsonNestedType{Attributes: map[string]*jsonAttribute{}, NestingMode: strings.ToLower(object.Nesting.String()), MinItems: object.MinItems, MaxItems: object.MaxItems}
		for _, nested := range object.Attributes {
			result.NestedType.Attributes[nested.Name] = jsonOfAttribute(nested)
		}
	}
	return result
}

func generic(t *testing.T, value any) any {
	t.Helper()
	data, err := json.Marshal(value)
	if err != nil {
		t.Fatal(err)
	}
	var result any
	if err := json.Unmarshal(data, &result); err != nil {
		t.Fatal(err)
	}
	return result
}

func TestSchemaServedEqualsSchemaJSON(t *testing.T) {
	var file struct {
		ProviderSchemas map[string]json.RawMessage `json:"provider_schemas"`
	}
	if err := json.Unmarshal(schemaFile, &file); err != nil {
		t.Fatal(err)
	}
	for _, name := range providerNames {
		provider, err := newEchoProvider(name)
		if err != nil {
			t.Fatal(err)
		}
		served, _ := provider.GetProviderSchema(context.Background(), &tfplugin6.GetProviderSchema_Request{})
		written := &jsonProviderSchema{Provider: jsonOfSchema(served.Provider), ResourceSchemas: map[string]*jsonSchema{}, DataSourceSchemas: map[string]*jsonSchema{}}
		for typeName, schema := range served.ResourceSchemas {
			written.ResourceSchemas[typeName] = jsonOfSchema(schema)
		}
		for typeName, schema := range served.DataSourceSchemas {
			written.DataSourceSchemas[typeName] = jsonOfSchema(schema)
		}
		var expected any
		if err := json.Unmarshal(file.ProviderSchemas[sourcePrefix+name], &expected); err != nil {
			t.Fatal(err)
		}
		if got := generic(t, written); !reflect.DeepEqual(got, expected) {
			gotText, _ := json.MarshalIndent(got, "", " ")
			t.Errorf("%s: the served schema differs from provider/schema.json; served:\n%.3000s", name, gotText)
		}
		if len(served.ResourceSchemas) == 0 || len(served.DataSourceSchemas) == 0 {
			t.Errorf("%s: no resources or data sources served", name)
		}
	}
}

func TestHandshakeLineCarriesACertificateTheClientTrusts(t *testing.T) {
	clientDER, clientKey, err := selfSignedCertificate(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	clientPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: clientDER})
	serverConfig, serverDER, err := mutualTLS(clientPEM)
	if err != nil {
		t.Fatal(err)
	}
	line := handshakeLine("/tmp/tfp-1/plugin.sock", serverDER)
	if !strings.HasSuffix(line, "\n") || strings.Count(line, "\n") != 1 {
		t.Fatalf("the handshake is one line: %q", line)
	}
	fields := strings.Split(strings.TrimSuffix(line, "\n"), "|")
	if len(fields) != 6 || fields[0] != "1" || fields[1] != "6" || fields[2] != "unix" || fields[3] != "/tmp/tfp-1/plugin.sock" || fields[4] != "grpc" {
		t.Fatalf("handshake line %q is not 1|6|unix|PATH|grpc|CERT", line)
	}
	if strings.HasSuffix(fields[5], "=") {
		t.Errorf("go-plugin reads the certificate without base64 padding: %q", fields[5])
	}
	der, err := base64.RawStdEncoding.DecodeString(fields[5])
	if err != nil {
		t.Fatal(err)
	}
	announced, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	// go-plugin's client: the announced certificate as its only root, for "localhost", its own certificate presented.
	roots := x509.NewCertPool()
	roots.AddCert(announced)
	clientKeyDER, _ := x509.MarshalPKCS8PrivateKey(clientKey)
	clientCertificate, err := tls.X509KeyPair(clientPEM, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: clientKeyDER}))
	if err != nil {
		t.Fatal(err)
	}
	clientErr, serverErr := handshakeOverLoopback(t, serverConfig, &tls.Config{RootCAs: roots, ServerName: "localhost", Certificates: []tls.Certificate{clientCertificate}})
	if clientErr != nil || serverErr != nil {
		t.Fatalf("TLS handshake failed: client %v, server %v", clientErr, serverErr)
	}
}

// handshakeOverLoopback runs one TLS handshake between the two configurations over TCP on 127.0.0.1.
func handshakeOverLoopback(t *testing.T, serverConfig, clientConfig *tls.Config) (clientErr, serverErr error) {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer listener.Close()
	serverDone := make(chan error, 1)
	go func() {
		connection, err := listener.Accept()
		if err != nil {
			serverDone <- err
			return
		}
		defer connection.Close()
		connection.SetDeadline(time.Now().Add(10 * time.Second))
		server := tls.Server(connection, serverConfig)
		err = server.Handshake()
		if err == nil {
			// TLS 1.3 checks the client's certificate after the client's side of the handshake ends: read to see the outcome.
			_, err = server.Read(make([]byte, 1))
		}
		serverDone <- err
	}()
	connection, err := net.Dial("tcp", listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	connection.SetDeadline(time.Now().Add(10 * time.Second))
	client := tls.Client(connection, clientConfig)
	clientErr = client.Handshake()
	if clientErr == nil {
		_, clientErr = client.Write([]byte{1})
	}
	serverErr = <-serverDone
	connection.Close()
	return clientErr, serverErr
}

func TestHandshakeRefusesAClientWithoutTerraformsCertificate(t *testing.T) {
	clientDER, _, _ := selfSignedCertificate(time.Now())
	serverConfig, serverDER, err := mutualTLS(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: clientDER}))
	if err != nil {
		t.Fatal(err)
	}
	announced, _ := x509.ParseCertificate(serverDER)
	roots := x509.NewCertPool()
	roots.AddCert(announced)
	if _, serverErr := handshakeOverLoopback(t, serverConfig, &tls.Config{RootCAs: roots, ServerName: "localhost"}); serverErr == nil {
		t.Fatal("the server accepted a client presenting no certificate")
	}
}

func integrationState(t *testing.T, provider *echoProvider, attributes string) []byte {
	t.Helper()
	object, err := objectFromJSON(provider.resources["elasticpath_integration"], []byte(attributes))
	if err != nil {
		t.Fatal(err)
	}
	return encodeValue(object)
}

const integrationConfig = `{"name":"a","integration_type":"webhook","observes":["order.paid"],"configuration":{"url":"https://hooks.example.com/a"}}`

func planned(t *testing.T, provider *echoProvider, prior []byte) *node {
	t.Helper()
	config := integrationState(t, provider, integrationConfig)
	if prior == nil {
		prior = encodeValue(nullValue)
	}
	proposed := config
	if decoded, _ := decodeValue(prior); decoded.kind != nullNode {
		proposed = prior
	}
	response, err := provider.PlanResourceChange(context.Background(), &tfplugin6.PlanResourceChange_Request{
		TypeName: "elasticpath_integration", PriorState: &tfplugin6.DynamicValue{Msgpack: prior},
		ProposedNewState: &tfplugin6.DynamicValue{Msgpack: proposed}, Config: &tfplugin6.DynamicValue{Msgpack: config},
	})
	if err != nil || len(response.Diagnostics) > 0 {
		t.Fatalf("plan failed: %v %v", err, response.Diagnostics)
	}
	value, err := decodeValue(response.PlannedState.Msgpack)
	if err != nil {
		t.Fatal(err)
	}
	return value
}

func TestPlanOfACreateMarksNullComputedAttributesUnknown(t *testing.T) {
	provider, err := newEchoProvider("elasticpath")
	if err != nil {
		t.Fatal(err)
	}
	plan := planned(t, provider, nil)
	for _, computed := range []string{"id", "created_at", "updated_at"} {
		if kind := plan.get(computed).kind; kind != unknownNode {
			t.Errorf("%s: planned %v, want unknown", computed, kind)
		}
	}
	if name, _ := stringOf(plan.get("name")); name != "a" {
		t.Errorf("name: planned %q, want the configured a", name)
	}
	if url, _ := stringOf(plan.get("configuration").get("url")); url != "https://hooks.example.com/a" {
		t.Errorf("configuration.url: planned %q", url)
	}

	response, err := provider.ApplyResourceChange(context.Background(), &tfplugin6.ApplyResourceChange_Request{
		TypeName: "elasticpath_integration", PlannedState: &tfplugin6.DynamicValue{Msgpack: encodeValue(plan)},
	})
	if err != nil {
		t.Fatal(err)
	}
	applied, _ := decodeValue(response.NewState.Msgpack)
	if id, err := stringOf(applied.get("id")); err != nil || !strings.HasPrefix(id, "echo-") {
		t.Errorf("apply left id %v (%v), want a known echo id", applied.get("id"), err)
	}
	if name, _ := stringOf(applied.get("name")); name != "a" {
		t.Errorf("apply changed name to %q", name)
	}
}

func TestPlanWithoutChangesReturnsThePriorState(t *testing.T) {
	provider, _ := newEchoProvider("elasticpath")
	prior := integrationState(t, provider, `{"id":"7","created_at":"2026-01-01","updated_at":"2026-01-01","enabled":true,"name":"a","integration_type":"webhook","observes":["order.paid"],"configuration":{"url":"https://hooks.example.com/a"}}`)
	if plan := encodeValue(planned(t, provider, prior)); string(plan) != string(prior) {
		t.Errorf("a no-op plan changed the state")
	}
}

func TestUpgradeResourceStateReencodesTheJSONState(t *testing.T) {
	provider, _ := newEchoProvider("elasticpath")
	response, err := provider.UpgradeResourceState(context.Background(), &tfplugin6.UpgradeResourceState_Request{
		TypeName: "elasticpath_integration", RawState: &tfplugin6.RawState{Json: []byte(`{"id":"7","name":"a","enabled":true,"observes":["order.paid"],"configuration":{"url":"u"}}`)},
	})
	if err != nil || len(response.Diagnostics) > 0 {
		t.Fatalf("%v %v", err, response.Diagnostics)
	}
	state, err := decodeValue(response.UpgradedState.Msgpack)
	if err != nil {
		t.Fatal(err)
	}
	if len(state.keys) != len(provider.resources["elasticpath_integration"].names) {
		t.Errorf("the state has %d attributes, the schema %d", len(state.keys), len(provider.resources["elasticpath_integration"].names))
	}
	if id, _ := stringOf(state.get("id")); id != "7" {
		t.Errorf("id %q, want 7", id)
	}
	if url, _ := stringOf(state.get("configuration").get("url")); url != "u" {
		t.Errorf("configuration.url %q, want u", url)
	}
	if state.get("description").kind != nullNode {
		t.Errorf("an attribute missing from the JSON state should be null")
	}
}
