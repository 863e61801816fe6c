// Names that more than one template must agree on.

@export()
@description('Name (a GUID) of the custom reporter role of one resource group; main.bicep creates it, reporter-access.bicep assigns it.')
func reporterRoleDefinitionName(subscriptionId string, resourceGroupId string) string =>
  guid(subscriptionId, resourceGroupId, 'qiingest-reporter')

@export()
@description('Blob containers of the data storage account.')
var containers = {
  uploads: 'uploads'
  receipts: 'receipts'
  reports: 'reports'
  deployment: 'app-package'
  deadLetter: 'eventgrid-deadletter'
}
