package main

// The tfplugin6.Provider service of the echo: no resource code and no API. Reads return the
// state they are given, plans return the proposed new state (computed attributes the
// configuration leaves null marked unknown on a change), applies return the planned state with
// each unknown filled in, imports return an object holding only the id.

import (
	"bytes"
	"context"
	"fmt"

	"goecho/tfplugin6"
)

type echoProvider struct {
	tfplugin6.UnimplementedProviderServer
	schemaResponse *tfplugin6.GetProviderSchema_Response
	resources      map[string]*objectSchema
	dataSources    map[string]*objectSchema
}

func newEchoProvider(name string) (*echoProvider, error) {
	schemas, err := providerSchemas(name)
	if err != nil {
		return nil, err
	}
	provider := &echoProvider{
		schemaResponse: &tfplugin6.GetProviderSchema_Response{
			Provider:           schemaMessage(schemas.Provider),
			ResourceSchemas:    map[string]*tfplugin6.Schema{},
			DataSourceSchemas:  map[string]*tfplugin6.Schema{},
			ServerCapabilities: &tfplugin6.ServerCapabilities{GetProviderSchemaOptional: true},
		},
		resources:   map[string]*objectSchema{},
		dataSources: map[string]*objectSchema{},
	}
	for typeName, schema := range schemas.ResourceSchemas {
		provider.schemaResponse.ResourceSchemas[typeName] = schemaMessage(schema)
		if provider.resources[typeName], err = compileBlock(schema.Block); err != nil {
			return nil, fmt.Errorf("resource %s: %w", typeName, err)
		}
	}
	for typeName, schema := range schemas.DataSourceSchemas {
		provider.schemaResponse.DataSourceSchemas[typeName] = schemaMessage(schema)
		if provider.dataSources[typeName], err = compileBlock(schema.Block); err != nil {
			return nil, fmt.Errorf("data source %s: %w", typeName, err)
		}
	}
	return provider, nil
}

func errorDiagnostics(summary string, err error) []*tfplugin6.Diagnostic {
	return []*tfplugin6.Diagnostic{{Severity: tfplugin6.Diagnostic_ERROR, Summary: summary, Detail: err.Error()}}
}

func (p *echoProvider) GetMetadata(context.Context, *tfplugin6.GetMetadata_Request) (*tfplugin6.GetMetadata_Response, error) {
	response := &tfplugin6.GetMetadata_Response{ServerCapabilities: p.schemaResponse.ServerCapabilities}
	for _, typeName := range sortedKeys(p.resources) {
		response.Resources = append(response.Resources, &tfplugin6.GetMetadata_ResourceMetadata{TypeName: typeName})
	}
	for _, typeName := range sortedKeys(p.dataSources) {
		response.DataSources = append(response.DataSources, &tfplugin6.GetMetadata_DataSourceMetadata{TypeName: typeName})
	}
	return response, nil
}

func (p *echoProvider) GetProviderSchema(context.Context, *tfplugin6.GetProviderSchema_Request) (*tfplugin6.GetProviderSchema_Response, error) {
	return p.schemaResponse, nil
}

func (p *echoProvider) ValidateProviderConfig(context.Context, *tfplugin6.ValidateProviderConfig_Request) (*tfplugin6.ValidateProviderConfig_Response, error) {
	return &tfplugin6.ValidateProviderConfig_Response{}, nil
}

func (p *echoProvider) ValidateResourceConfig(context.Context, *tfplugin6.ValidateResourceConfig_Request) (*tfplugin6.ValidateResourceConfig_Response, error) {
	return &tfplugin6.ValidateResourceConfig_Response{}, nil
}

func (p *echoProvider) ValidateDataResourceConfig(context.Context, *tfplugin6.ValidateDataResourceConfig_Request) (*tfplugin6.ValidateDataResourceConfig_Response, error) {
	return &tfplugin6.ValidateDataResourceConfig_Response{}, nil
}

func (p *echoProvider) ConfigureProvider(context.Context, *tfplugin6.ConfigureProvider_Request) (*tfplugin6.ConfigureProvider_Response, error) {
	return &tfplugin6.ConfigureProvider_Response{}, nil
}

func (p *echoProvider) StopProvider(context.Context, *tfplugin6.StopProvider_Request) (*tfplugin6.StopProvider_Response, error) {
	return &tfplugin6.StopProvider_Response{}, nil
}

func (p *echoProvider) UpgradeResourceState(_ context.Context, request *tfplugin6.UpgradeResourceState_Request) (*tfplugin6.UpgradeResourceState_Response, error) {
	schema, ok := p.resources[request.TypeName]
	if !ok {
		return nil, fmt.Errorf("unknown resource type %s", request.TypeName)
	}
	object, err := objectFromJSON(schema, request.RawState.GetJson())
	if err != nil {
		return &tfplugin6.UpgradeResourceState_Response{Diagnostics: errorDiagnostics("Unreadable state", err)}, nil
	}
	return &tfplugin6.UpgradeResourceState_Response{UpgradedState: &tfplugin6.DynamicValue{Msgpack: encodeValue(object)}}, nil
}

func (p *echoProvider) ReadResource(_ context.Context, request *tfplugin6.ReadResource_Request) (*tfplugin6.ReadResource_Response, error) {
	return &tfplugin6.ReadResource_Response{NewState: request.CurrentState, Private: request.Private}, nil
}

func (p *echoProvider) PlanResourceChange(_ context.Context, request *tfplugin6.PlanResourceChange_Request) (*tfplugin6.PlanResourceChange_Response, error) {
	schema, ok := p.resources[request.TypeName]
	if !ok {
		return nil, fmt.Errorf("unknown resource type %s", request.TypeName)
	}
	proposed, err := decodeValue(request.ProposedNewState.GetMsgpack())
	if err != nil {
		return &tfplugin6.PlanResourceChange_Response{Diagnostics: errorDiagnostics("Unreadable proposed state", err)}, nil
	}
	config, err := decodeValue(request.Config.GetMsgpack())
	if err != nil {
		return &tfplugin6.PlanResourceChange_Response{Diagnostics: errorDiagnostics("Unreadable configuration", err)}, nil
	}
	priorBytes := request.PriorState.GetMsgpack()
	prior, err := decodeValue(priorBytes)
	if err != nil {
		return &tfplugin6.PlanResourceChange_Response{Diagnostics: errorDiagnostics("Unreadable prior state", err)}, nil
	}
	changing := prior.kind == nullNode || !bytes.Equal(encodeValue(proposed), priorBytes)
	if proposed.kind == mapNode && changing {
		markComputedUnknown(schema, proposed, config)
	}
	return &tfplugin6.PlanResourceChange_Response{
		PlannedState:   &tfplugin6.DynamicValue{Msgpack: encodeValue(proposed)},
		PlannedPrivate: request.PriorPrivate,
	}, nil
}

func (p *echoProvider) ApplyResourceChange(_ context.Context, request *tfplugin6.ApplyResourceChange_Request) (*tfplugin6.ApplyResourceChange_Response, error) {
	schema, ok := p.resources[request.TypeName]
	if !ok {
		return nil, fmt.Errorf("unknown resource type %s", request.TypeName)
	}
	planned, err := decodeValue(request.PlannedState.GetMsgpack())
	if err != nil {
		return &tfplugin6.ApplyResourceChange_Response{Diagnostics: errorDiagnostics("Unreadable planned state", err)}, nil
	}
	if planned.kind == mapNode {
		fillUnknown(schema, planned)
	}
	return &tfplugin6.ApplyResourceChange_Response{NewState: &tfplugin6.DynamicValue{Msgpack: encodeValue(planned)}, Private: request.PlannedPrivate}, nil
}

func (p *echoProvider) ImportResourceState(_ context.Context, request *tfplugin6.ImportResourceState_Request) (*tfplugin6.ImportResourceState_Response, error) {
	schema, ok := p.resources[request.TypeName]
	if !ok {
		return nil, fmt.Errorf("unknown resource type %s", request.TypeName)
	}
	object := nullObject(schema)
	if _, hasID := schema.attributes["id"]; hasID {
		object.set("id", stringNode(request.Id))
	}
	return &tfplugin6.ImportResourceState_Response{
		ImportedResources: []*tfplugin6.ImportResourceState_ImportedResource{{TypeName: request.TypeName, State: &tfplugin6.DynamicValue{Msgpack: encodeValue(object)}}},
	}, nil
}

func (p *echoProvider) ReadDataSource(_ context.Context, request *tfplugin6.ReadDataSource_Request) (*tfplugin6.ReadDataSource_Response, error) {
	schema, ok := p.dataSources[request.TypeName]
	if !ok {
		return nil, fmt.Errorf("unknown data source %s", request.TypeName)
	}
	config, err := decodeValue(request.Config.GetMsgpack())
	if err != nil {
		return &tfplugin6.ReadDataSource_Response{Diagnostics: errorDiagnostics("Unreadable configuration", err)}, nil
	}
	if config.kind == mapNode {
		fillUnknown(schema, config)
	}
	return &tfplugin6.ReadDataSource_Response{State: &tfplugin6.DynamicValue{Msgpack: encodeValue(config)}}, nil
}
