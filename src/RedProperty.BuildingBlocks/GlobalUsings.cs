// The building blocks use each other; each folder is its own namespace for the services that use them.
global using RedProperty.BuildingBlocks.EventStore;
global using RedProperty.BuildingBlocks.Http;
global using RedProperty.BuildingBlocks.Messaging;
global using RedProperty.BuildingBlocks.Observability;
global using RedProperty.BuildingBlocks.Security;
